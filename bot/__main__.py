"""`python -m bot up` starts the whole stack (see bot/supervisor.py)."""
import sys

from bot.supervisor import up

USAGE = "usage: python -m bot up"

if __name__ == "__main__":
    if sys.argv[1:2] != ["up"]:
        print(USAGE, file=sys.stderr)
        sys.exit(2)
    sys.exit(up(sys.argv[2:]))
