"""Models of the bodies app."""

from bodies.models.bodies import Body, BodyKind, BodyMembership

__all__ = ["Body", "BodyKind", "BodyMembership"]
