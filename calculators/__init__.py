"""Calculators and command snippets: MkDocs-free Python that the hooks, the browser and the CLI share."""
