"""lp-coach: a local, hands-free coach for Amazon-style behavioral interviews."""

# The one place the version is written: pyproject.toml reads it from here
# ([tool.setuptools.dynamic]) and `lp-coach --version` prints it.
__version__ = "0.1.0"
