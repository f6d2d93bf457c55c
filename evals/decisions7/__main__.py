import sys

from evals.decisions7.run import main

sys.exit(main())
