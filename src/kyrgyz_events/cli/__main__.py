import sys

from kyrgyz_events.cli import main

sys.exit(main())
