import sys

from evals.decisions10.run import main

sys.exit(main())
