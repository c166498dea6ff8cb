"""Not pip: a trap that shadows it (through PYTHONPATH) in the bad-input corpus, so that a case
shows that no user text ever reached pip. See tests/test_bad_inputs.py."""
