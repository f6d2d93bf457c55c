"""The twenty-fifth invoice generator: small businesses' invoices in eleven languages typeset by LuaLaTeX."""
