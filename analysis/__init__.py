"""Analysis suite for news coverage of the Russia–Ukraine war and the talks to end it."""
__version__ = "0.1.0"
