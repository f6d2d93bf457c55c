import sys

from evals.decisions3.run import main

sys.exit(main())
