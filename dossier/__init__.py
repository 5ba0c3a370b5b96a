"""dossier: GB/T 27922-2011 after-sales service certification dossiers from structured data."""

__version__ = "0.1.0"
