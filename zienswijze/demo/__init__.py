"""The fictional demo case (43 documents) used by ``make run`` and the tests."""
