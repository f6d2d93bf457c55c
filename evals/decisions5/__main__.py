import sys

from evals.decisions5.run import main

sys.exit(main())
