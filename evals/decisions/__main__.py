import sys

from evals.decisions.report import main

sys.exit(main())
