#!/usr/bin/env bash
# Install Tryton 8.2 (server + purchase/stock/invoice, bank and purchase amendment modules + proteus) into its own virtualenv,
# .ci/tryton/.venv, kept apart from opsloop's. Cached: a second run with the venv present is instant.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="$here/.venv"
stamp="$venv/.installed-8.2-bank-amendment"  # renamed when the module list grows: a cached venv gets them
if [ -f "$stamp" ]; then exit 0; fi
python=${PYTHON:-python3}
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet \
  'trytond==8.2.*' 'trytond_purchase==8.2.*' 'trytond_stock==8.2.*' 'trytond_stock_supply==8.2.*' \
  'trytond_account_invoice==8.2.*' 'trytond_account_invoice_stock==8.2.*' 'trytond_bank==8.2.*' \
  'trytond_purchase_amendment==8.2.*' 'proteus==8.2.*'
touch "$stamp"
