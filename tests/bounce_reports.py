"""Reports as mail servers send them back, hours after accepting a message: written after real ones
(Postfix, Exchange Online, an out-of-office), for the message with ``message_id`` sent to ``recipient``
with envelope sender ``return_path``."""

from __future__ import annotations

import smtplib

POSTFIX_HARD = """\
Return-Path: <>
Received: by mx1.analyse.example.com (Postfix)
	id 4Qz9Kx3B1Zz9sWf; Fri,  4 Dec 2026 10:15:02 +0100 (CET)
Date: Fri,  4 Dec 2026 10:15:02 +0100 (CET)
From: MAILER-DAEMON@mx1.analyse.example.com (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: {return_path}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4Qz9Kx3B1Zz9sWf.1764839702/mx1.analyse.example.com"
Content-Transfer-Encoding: 8bit
Message-Id: <20261204091502.4Qz9Kx3B1Zz9sWf@mx1.analyse.example.com>

This is a MIME-encapsulated message.

--4Qz9Kx3B1Zz9sWf.1764839702/mx1.analyse.example.com
Content-Description: Notification
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit

This is the mail system at host mx1.analyse.example.com.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

For further assistance, please send mail to postmaster.

If you do so, please include this problem report. You can
delete your own text from the attached returned message.

                   The mail system

<{recipient}>: host mailstore.analyse.example.com[10.20.0.12] said:
    550 5.1.1 <{recipient}>: Recipient address rejected: User unknown in
    virtual mailbox table (in reply to RCPT TO command)

--4Qz9Kx3B1Zz9sWf.1764839702/mx1.analyse.example.com
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.analyse.example.com
X-Postfix-Queue-ID: 4Qz9Kx3B1Zz9sWf
X-Postfix-Sender: rfc822; {return_path}
Arrival-Date: Fri,  4 Dec 2026 10:14:58 +0100 (CET)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: failed
Status: 5.1.1
Remote-MTA: dns; mailstore.analyse.example.com
Diagnostic-Code: smtp; 550 5.1.1 <{recipient}>: Recipient address rejected:
    User unknown in virtual mailbox table

--4Qz9Kx3B1Zz9sWf.1764839702/mx1.analyse.example.com
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers
Content-Transfer-Encoding: 8bit

Return-Path: <{return_path}>
Received: from smtp.gemeente.example.org (smtp.gemeente.example.org [192.0.2.25])
	by mx1.analyse.example.com (Postfix) with ESMTPS id 4Qz9Kx3B1Zz9sWf
	for <{recipient}>; Fri,  4 Dec 2026 10:14:58 +0100 (CET)
From: zienswijze@gemeente.example.org
To: {recipient}
Subject: Verzoek om uw zienswijze (W-1)
Message-ID: {message_id}

--4Qz9Kx3B1Zz9sWf.1764839702/mx1.analyse.example.com--
"""

EXCHANGE_HARD = """\
Received: from AM8PR10MB4321.EURPRD10.PROD.OUTLOOK.COM ([fe80::1c2d]) by
 AM8PR10MB4321.EURPRD10.PROD.OUTLOOK.COM ([fe80::1c2d%7]) with mapi id
 15.20.8207.010; Fri, 4 Dec 2026 09:31:44 +0000
MIME-Version: 1.0
From: <postmaster@analyse.example.com>
To: <{return_path}>
Date: Fri, 4 Dec 2026 09:31:44 +0000
Content-Type: multipart/report; report-type=delivery-status;
	boundary="a7c1d2e3-0f4b-4c5d-9e8f-1a2b3c4d5e6f"
X-MS-Exchange-Message-Is-Ndr:
Content-Language: nl-NL
Message-ID: <a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d@AM8PR10MB4321.EURPRD10.PROD.OUTLOOK.COM>
In-Reply-To: {message_id}
References: {message_id}
Thread-Topic: Verzoek om uw zienswijze (W-1)
Subject: Onbestelbaar: Verzoek om uw zienswijze (W-1)
Auto-Submitted: auto-replied

--a7c1d2e3-0f4b-4c5d-9e8f-1a2b3c4d5e6f
Content-Type: multipart/alternative; differences=Content-Type;
	boundary="b8d2e3f4-1a5c-4d6e-8f9a-2b3c4d5e6f7a"

--b8d2e3f4-1a5c-4d6e-8f9a-2b3c4d5e6f7a
Content-Type: text/plain; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

Uw bericht kon niet worden bezorgd bij {recipient}.

Het e-mailadres dat u hebt ingevoerd, kan niet worden gevonden.

Diagnostische informatie voor beheerders:

Genererende server: AM8PR10MB4321.EURPRD10.PROD.OUTLOOK.COM

{recipient}
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipie=
nt not found by SMTP address lookup'

--b8d2e3f4-1a5c-4d6e-8f9a-2b3c4d5e6f7a
Content-Type: text/html; charset="us-ascii"
Content-Transfer-Encoding: quoted-printable

<html><body><p>Uw bericht kon niet worden bezorgd bij {recipient}.</p></body></html>

--b8d2e3f4-1a5c-4d6e-8f9a-2b3c4d5e6f7a--

--a7c1d2e3-0f4b-4c5d-9e8f-1a2b3c4d5e6f
Content-Type: message/delivery-status

Reporting-MTA: dns;AM8PR10MB4321.EURPRD10.PROD.OUTLOOK.COM
Received-From-MTA: dns;smtp.gemeente.example.org
Arrival-Date: Fri, 4 Dec 2026 09:31:40 +0000

Original-Recipient: rfc822;{recipient}
Final-Recipient: rfc822;{recipient}
Action: failed
Status: 5.1.10
Diagnostic-Code: smtp;550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not
 found by SMTP address lookup
X-Display-Name: Analyse B.V.


--a7c1d2e3-0f4b-4c5d-9e8f-1a2b3c4d5e6f
Content-Type: text/rfc822-headers

Return-Path: {return_path}
From: zienswijze@gemeente.example.org
To: {recipient}
Subject: Verzoek om uw zienswijze (W-1)
Message-ID: {message_id}
Date: Fri, 4 Dec 2026 09:31:39 +0000

--a7c1d2e3-0f4b-4c5d-9e8f-1a2b3c4d5e6f--
"""

POSTFIX_DELAYED = """\
Return-Path: <>
Date: Fri,  4 Dec 2026 14:15:02 +0100 (CET)
From: MAILER-DAEMON@mx1.analyse.example.com (Mail Delivery System)
Subject: Delayed Mail (still being retried)
To: {return_path}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="5Rb1Lm4C2Aa0tXg.1764854102/mx1.analyse.example.com"
Message-Id: <20261204131502.5Rb1Lm4C2Aa0tXg@mx1.analyse.example.com>

--5Rb1Lm4C2Aa0tXg.1764854102/mx1.analyse.example.com
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx1.analyse.example.com.

####################################################################
# THIS IS A WARNING ONLY.  YOU DO NOT NEED TO RESEND YOUR MESSAGE. #
####################################################################

Your message could not be delivered for more than 4 hour(s).
It will be retried until it is 5 day(s) old.

<{recipient}>: connect to mailstore.analyse.example.com[10.20.0.12]:25:
    Connection timed out

--5Rb1Lm4C2Aa0tXg.1764854102/mx1.analyse.example.com
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx1.analyse.example.com
X-Postfix-Queue-ID: 5Rb1Lm4C2Aa0tXg
X-Postfix-Sender: rfc822; {return_path}
Arrival-Date: Fri,  4 Dec 2026 10:14:58 +0100 (CET)

Final-Recipient: rfc822; {recipient}
Original-Recipient: rfc822;{recipient}
Action: delayed
Status: 4.4.1
Diagnostic-Code: X-Postfix; connect to mailstore.analyse.example.com[10.20.0.12]:25:
    Connection timed out
Will-Retry-Until: Wed,  9 Dec 2026 10:14:58 +0100 (CET)

--5Rb1Lm4C2Aa0tXg.1764854102/mx1.analyse.example.com
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: zienswijze@gemeente.example.org
To: {recipient}
Subject: Verzoek om uw zienswijze (W-1)
Message-ID: {message_id}

--5Rb1Lm4C2Aa0tXg.1764854102/mx1.analyse.example.com--
"""

OUT_OF_OFFICE = """\
Return-Path: <{recipient}>
Date: Fri, 4 Dec 2026 10:16:11 +0100
From: Juridische zaken Analyse B.V. <{recipient}>
To: {return_path}
Subject: Automatisch antwoord: Verzoek om uw zienswijze (W-1)
Message-ID: <ooo-20261204101611.77a1@analyse.example.com>
In-Reply-To: {message_id}
References: {message_id}
Auto-Submitted: auto-replied
X-Autoreply: yes
Precedence: auto_reply
MIME-Version: 1.0
Content-Type: text/plain; charset="utf-8"
Content-Transfer-Encoding: 8bit

Goedendag,

Ik ben tot en met 18 december afwezig en lees mijn e-mail niet.
Voor dringende zaken kunt u bellen met 030 123 45 67.

Met vriendelijke groet,
Juridische zaken
"""

REPORTS = {
    "postfix-hard": POSTFIX_HARD,
    "exchange-hard": EXCHANGE_HARD,
    "postfix-delayed": POSTFIX_DELAYED,
    "out-of-office": OUT_OF_OFFICE,
}


def report(name: str, *, recipient: str, return_path: str, message_id: str) -> bytes:
    """The report as its server sends it: CRLF line ends, ready for SMTP."""
    text = REPORTS[name].format(recipient=recipient, return_path=return_path, message_id=message_id)
    return text.replace("\n", "\r\n").encode()


def return_report(app, name: str, *, recipient: str, return_path: str, message_id: str) -> None:
    """Delivers the report to the application's bounce listener as a mail server does: null sender,
    to the envelope sender of the message it is about."""
    protocol, host, port = app.config["BOUNCE_LISTEN"]
    raw = report(name, recipient=recipient, return_path=return_path, message_id=message_id)
    with (smtplib.LMTP if protocol == "lmtp" else smtplib.SMTP)(host, port, timeout=10) as client:
        client.sendmail("", [return_path], raw)
