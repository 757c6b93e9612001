"""nianbao: read, check, measure and compile vocational-education quality annual reports."""

__version__ = "0.1.0"
