"""Site logic that is not a calculator (directives, indexes, print page), free of MkDocs imports."""
