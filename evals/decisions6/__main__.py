import sys

from evals.decisions6.run import main

sys.exit(main())
