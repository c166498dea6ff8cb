"""The normalized model of a service, and the trees and forms read off it."""

from .service import Member, Operation, Service, Shape

__all__ = ["Member", "Operation", "Service", "Shape"]
