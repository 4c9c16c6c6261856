"""lp-coach: a local, hands-free coach for Amazon-style behavioral interviews."""

__version__ = "0.1.0"
