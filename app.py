from zienswijze import create_app

app = create_app()
