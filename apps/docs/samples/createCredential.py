"""Create a credential: POST /credentials/createCredential, signed with HMAC-SHA256 (standard library only)."""
import hashlib
import hmac
import json
import os
import secrets
import sys
import urllib.error
import urllib.request
from datetime import datetime, timezone

BASE_URL = os.environ.get("SOLAPI_BASE_URL", "http://127.0.0.1:4010")
API_KEY = os.environ.get("SOLAPI_API_KEY", "NCSOGH0TB3PDIGV1")
API_SECRET = os.environ.get("SOLAPI_API_SECRET", "UDWMZBDEQOTXNU1K2HOUJ2ZCVELFF49B")


def authorization() -> str:
    """HMAC-SHA256(key = apiSecret, data = date + salt), with a fresh date and salt every time."""
    date = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    salt = secrets.token_hex(16)
    signature = hmac.new(API_SECRET.encode(), (date + salt).encode(), hashlib.sha256).hexdigest()
    return f"HMAC-SHA256 apiKey={API_KEY}, date={date}, salt={salt}, signature={signature}"


request = urllib.request.Request(
    f"{BASE_URL}/credentials/createCredential",
    data=json.dumps({}).encode(),
    headers={"Authorization": authorization(), "Content-Type": "application/json"},
    method="POST",
)
try:
    with urllib.request.urlopen(request) as response:
        result = json.load(response)
except urllib.error.HTTPError as error:
    # The body names the problem: {"errorCode": ..., "errorMessage": ...} (no secrets in it).
    sys.exit(f"{error.code} {error.reason}: {error.read().decode()}")

print(f"Created {result['apiKey']}; store its apiSecret now, it is not shown again.")
