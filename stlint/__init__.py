"""stlint: linter and language server for Apache SeaTunnel job configs."""

__version__ = "0.1.0"
