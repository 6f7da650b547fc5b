"""Mail: queued in the outbox with the change it reports, sent by the dispatcher, with signed links.

``queue`` writes messages in the caller's transaction (rendered through the renderer ``create_app``
sets up), ``invitation`` composes the invitation to give a view, ``links`` builds every link a mail
carries, and ``dispatcher`` (over ``smtp``) sends what is due and hands each result to the caller.
Nothing here imports Flask, and nothing here commits except the dispatcher, which owns its runs.
"""
