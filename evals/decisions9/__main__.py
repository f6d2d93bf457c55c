import sys

from evals.decisions9.run import main

sys.exit(main())
