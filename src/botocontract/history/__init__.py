"""History: changelogs over ranges of releases, and bisecting for the release that added or
removed a path."""
