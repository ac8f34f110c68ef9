"""migration-kg: a knowledge graph of who is responsible for what in migration governance."""

__version__ = "0.1.0"
