import sys

from tipcourse.cli import main

sys.exit(main())
