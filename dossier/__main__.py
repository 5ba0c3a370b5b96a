"""``python -m dossier`` works like the ``dossier`` command."""

from .cli import main

if __name__ == "__main__":
    main()
