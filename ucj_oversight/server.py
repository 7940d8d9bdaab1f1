"""`python -m ucj_oversight.server`: kept as the documented start command; the code is in web/server.py."""

from ucj_oversight.web.server import main

if __name__ == "__main__":
    main()
