import sys

from evals.decisions8.run import main

sys.exit(main())
