"""The pure core: rules of the Woo consultation, importing only the standard library.

Everything here takes ``now``, the calendar and settings as parameters, so that the rules can be
tested on their own and reused by the web pages, the API, the scheduler and the command line.
"""
