import sys

from gikp_nlp.cli import main

sys.exit(main())
