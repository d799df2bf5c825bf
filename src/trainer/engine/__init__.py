"""hintc's engine: a PyTorch worker serving the protocol of specs/protocol.md over stdio."""

__version__ = "0.1.0"
#: Protocol versions this engine speaks.
PROTOCOLS = (1,)
