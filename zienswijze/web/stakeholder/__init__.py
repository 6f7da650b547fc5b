"""The stakeholder's pages: the personal link (``link``) and, once opened, their own file (``file``)."""
