import sys

from evals.decisions2.run import main

sys.exit(main())
