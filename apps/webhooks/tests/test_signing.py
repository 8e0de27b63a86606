"""Signatures as the Standard Webhooks specification gives them."""

import base64

from apps.webhooks import signing


def test_the_signature_matches_the_specifications_published_example():
    # The example the specification's reference libraries test against.
    signature = signing.sign(
        secret="whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        message_id="msg_p5jXN8AQM9LWM0D4loKWxJek",
        timestamp=1614265330,
        body='{"test": 2432232314}',
    )
    assert signature == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def test_a_new_secret_is_32_random_bytes_after_the_whsec_prefix():
    secret = signing.new_secret()
    assert secret.startswith("whsec_")
    assert len(base64.b64decode(secret.removeprefix("whsec_"))) == 32
    assert signing.new_secret() != secret


def test_the_headers_carry_id_timestamp_and_signature():
    headers = signing.headers(
        secret=signing.new_secret(), message_id="msg_1", timestamp=10, body="{}"
    )
    assert headers["webhook-id"] == "msg_1"
    assert headers["webhook-timestamp"] == "10"
    assert headers["webhook-signature"].startswith("v1,")
