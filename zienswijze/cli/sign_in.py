"""``flask --app app password-login ORGANISATION on|off``: the operator's way back in without the provider."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from zienswijze.db.session import new_session
from zienswijze.services.errors import Invalid
from zienswijze.services.sign_in_settings import set_password_login


@click.command("password-login")
@with_appcontext
@click.argument("organisation")
@click.argument("switch", type=click.Choice(["on", "off"]))
def password_login(organisation: str, switch: str) -> None:
    """Let the organisation's handlers log in with a password again (on), or only through its provider (off)."""
    with new_session() as session:
        try:
            set_password_login(
                session,
                organisation_name=organisation,
                enabled=switch == "on",
                by="cli",
                configured=current_app.config["OIDC_PROVIDER"] is not None,
            )
        except Invalid as invalid:
            raise click.ClickException(str(invalid.errors[""])) from None
    click.echo(f"password login for {organisation} is {switch}")
