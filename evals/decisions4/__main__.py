import sys

from evals.decisions4.run import main

sys.exit(main())
