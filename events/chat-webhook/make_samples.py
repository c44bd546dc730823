#!/usr/bin/env python3
"""Writes the chat-webhook sample events, signed with the TEST secrets documented in README.md.

The signatures are computed here, from the platforms' documentation, independently of the Java
verifiers that the tests run them through. Re-run after changing a sample:
    python3 events/chat-webhook/make_samples.py
Needs only the standard library and `cryptography` (installed with moto, local/requirements.txt).
"""
import base64
import hashlib
import hmac
import json
import os
import urllib.parse

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1795856400  # 2026-11-28T09:00:00Z: the tests set their clock here
SLACK_SIGNING_SECRET = "test-slack-signing-secret"
FEISHU_ENCRYPT_KEY = "test-feishu-encrypt-key"
FEISHU_VERIFICATION_TOKEN = "test-feishu-verification-token"
DINGTALK_APP_SECRET = "test-dingtalk-app-secret"
DINGTALK_ROBOT_CODE = "dingtestrobot"
DINGTALK_BOT_USER = "$:LWCP_v1:$testbot"


def http_event(route, body, headers, base64_encoded=False, claims=None, path_params=None, query=None):
    method, path = route.split(" ", 1)
    raw_path = path
    for name, value in (path_params or {}).items():
        raw_path = raw_path.replace("{" + name + "}", value)
    event = {
        "version": "2.0",
        "routeKey": route,
        "rawPath": raw_path,
        "rawQueryString": urllib.parse.urlencode(query or {}),
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "local", "domainName": "localhost",
            "http": {"method": method, "path": raw_path, "protocol": "HTTP/1.1", "sourceIp": "198.51.100.7", "userAgent": "sample"},
            "requestId": "sample-" + route.replace(" ", "-").replace("/", "-").strip("-"),
            "routeKey": route, "stage": "$default", "time": "28/Nov/2026:09:00:00 +0000", "timeEpoch": NOW * 1000,
        },
        "isBase64Encoded": base64_encoded,
    }
    if query:
        event["queryStringParameters"] = query
    if path_params:
        event["pathParameters"] = path_params
    if claims:
        event["requestContext"]["authorizer"] = {"jwt": {"claims": claims, "scopes": []}}
    if body is not None:
        event["body"] = base64.b64encode(body).decode() if base64_encoded else body.decode("utf-8")
    return event


def slack(route, body, content_type, timestamp=NOW, secret=SLACK_SIGNING_SECRET, **extra):
    signature = "v0=" + hmac.new(secret.encode(), b"v0:%d:" % timestamp + body, hashlib.sha256).hexdigest()
    headers = {"content-type": content_type, "x-slack-request-timestamp": str(timestamp), "x-slack-signature": signature}
    headers.update(extra)
    return headers


def slash_body(text, trigger):
    return urllib.parse.urlencode({
        "token": "legacy-verification-token", "team_id": "T0001", "team_domain": "acme", "channel_id": "D0SAMPLE",
        "channel_name": "directmessage", "user_id": "U0SAMPLE1", "user_name": "emma", "command": "/itops", "text": text,
        "api_app_id": "A0001", "response_url": "https://hooks.slack.com/commands/T0001/1795856400/" + trigger,
        "trigger_id": trigger}).encode()


def slack_event(event_id, event):
    return json.dumps({"token": "legacy", "team_id": "T0001", "api_app_id": "A0001", "event": event, "type": "event_callback",
                       "event_id": event_id, "event_time": NOW}, ensure_ascii=True, separators=(",", ":")).encode()


def feishu_encrypt(plain, iv):
    padder = padding.PKCS7(128).padder()
    data = padder.update(plain) + padder.finalize()
    key = hashlib.sha256(FEISHU_ENCRYPT_KEY.encode()).digest()
    encryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return base64.b64encode(iv + encryptor.update(data) + encryptor.finalize()).decode()


def feishu_headers(body, timestamp=NOW, nonce="sample-nonce-1"):
    signature = hashlib.sha256((str(timestamp) + nonce + FEISHU_ENCRYPT_KEY).encode() + body).hexdigest()
    return {"content-type": "application/json; charset=utf-8", "x-lark-request-timestamp": str(timestamp),
            "x-lark-request-nonce": nonce, "x-lark-signature": signature}


def feishu_message(event_id, text, chat_type="p2p"):
    return json.dumps({
        "schema": "2.0",
        "header": {"event_id": event_id, "token": FEISHU_VERIFICATION_TOKEN, "create_time": str(NOW * 1000),
                   "event_type": "im.message.receive_v1", "tenant_key": "tenant-test", "app_id": "cli_test_app"},
        "event": {"sender": {"sender_id": {"union_id": "on_sample", "user_id": "sample", "open_id": "ou_sample"},
                             "sender_type": "user", "tenant_key": "tenant-test"},
                  "message": {"message_id": "om_" + event_id, "chat_id": "oc_sample", "chat_type": chat_type,
                              "message_type": "text", "content": json.dumps({"text": text}, ensure_ascii=False),
                              "create_time": str(NOW * 1000)}}}, ensure_ascii=False).encode()


def dingtalk_body(msg_id, text, robot_code=DINGTALK_ROBOT_CODE):
    return json.dumps({
        "conversationId": "cidSample", "atUsers": [{"dingtalkId": DINGTALK_BOT_USER}], "chatbotCorpId": "dingcorptest",
        "chatbotUserId": DINGTALK_BOT_USER, "msgId": msg_id, "senderNick": "Li Lei", "isAdmin": False,
        "senderStaffId": "staff-sample", "sessionWebhookExpiredTime": NOW * 1000 + 5400000, "createAt": NOW * 1000,
        "senderCorpId": "dingcorptest", "conversationType": "1", "senderId": "$:LWCP_v1:$sample",
        "sessionWebhook": "https://oapi.dingtalk.com/robot/sendBySession?session=" + msg_id,
        "text": {"content": " " + text}, "robotCode": robot_code, "msgtype": "text"}, ensure_ascii=False).encode()


def dingtalk_headers(millis=NOW * 1000, secret=DINGTALK_APP_SECRET):
    sign = base64.b64encode(hmac.new(secret.encode(), ("%d\n%s" % (millis, secret)).encode(), hashlib.sha256).digest()).decode()
    return {"content-type": "application/json", "timestamp": str(millis), "sign": sign}


def bus_event(detail_type, source, detail, event_id):
    return {"version": "0", "id": "sample-" + event_id, "detail-type": detail_type, "source": source, "account": "123456789012",
            "time": "2026-11-28T09:00:05Z", "region": "us-east-1", "resources": [],
            "detail": dict({"eventId": event_id, "occurredAt": "2026-11-28T09:00:05Z"}, **detail)}


def claims(username, groups, department):
    return {"sub": "sub-" + username, "username": username, "email": username + "@example.com",
            "custom:department": department, "cognito:groups": "[" + " ".join(groups) + "]"}


def samples():
    out = {}
    body = slash_body("my assets", "1795856400.1.sample")
    out["slack-command-my-assets"] = http_event("POST /chat/slack/commands", body, slack("", body, "application/x-www-form-urlencoded"))
    body = slash_body("报修 LT-0001 屏幕闪烁", "1795856400.2.sample")
    out["slack-command-zh-base64"] = http_event("POST /chat/slack/commands", body,
                                                slack("", body, "application/x-www-form-urlencoded"), base64_encoded=True)
    body = slack_event("Ev0SAMPLE01", {"type": "message", "channel_type": "im", "user": "U0SAMPLE1", "text": "help",
                                       "channel": "D0SAMPLE", "ts": "1795856400.000100", "event_ts": "1795856400.000100"})
    out["slack-event-dm-help"] = http_event("POST /chat/slack/events", body, slack("", body, "application/json"))
    body = slack_event("Ev0SAMPLE02", {"type": "app_mention", "user": "U0SAMPLE1", "text": "<@UBOT0001> \\u8bfe\\u7a0b",
                                       "channel": "C0SAMPLE", "ts": "1795856400.000200", "event_ts": "1795856400.000200"})
    body = body.replace(b"\\\\u", b"\\u")  # Slack escapes non-ASCII text as \uXXXX; keep those raw bytes
    out["slack-event-mention-zh"] = http_event("POST /chat/slack/events", body, slack("", body, "application/json"))
    body = b'{"token":"legacy","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P","type":"url_verification"}'
    out["slack-url-verification"] = http_event("POST /chat/slack/events", body, slack("", body, "application/json"))
    body = slack_event("Ev0SAMPLE03", {"type": "message", "channel_type": "im", "user": "U0SAMPLE1", "text": "findings",
                                       "channel": "D0SAMPLE", "ts": "1795856400.000300"})
    headers = slack("", body, "application/json")
    last = headers["x-slack-signature"][-1]
    headers["x-slack-signature"] = headers["x-slack-signature"][:-1] + ("1" if last == "0" else "0")
    out["bad-slack-event-signature-flipped"] = http_event("POST /chat/slack/events", body, headers)
    out["bad-slack-event-stale"] = http_event("POST /chat/slack/events", body, slack("", body, "application/json", timestamp=NOW - 301))
    out["bad-slack-event-retry-resigned-with-other-secret"] = http_event(
        "POST /chat/slack/events", body, slack("", body, "application/json", secret="not-the-signing-secret", **{"x-slack-retry-num": "1"}))

    inner = feishu_message("5e3702a84e847582be8db7fb73283c02", "我的设备")
    body = json.dumps({"encrypt": feishu_encrypt(inner, bytes(range(16)))}).encode()
    out["feishu-event-encrypted"] = http_event("POST /chat/feishu/events", body, feishu_headers(body))
    tampered = body.replace(b'"encrypt": "', b'"encrypt":"')
    out["bad-feishu-event-reserialised"] = http_event("POST /chat/feishu/events", tampered, feishu_headers(body))
    challenge = json.dumps({"challenge": "ajls384kdjx98XX", "token": FEISHU_VERIFICATION_TOKEN, "type": "url_verification"}).encode()
    body = json.dumps({"encrypt": feishu_encrypt(challenge, bytes(range(16, 32)))}).encode()
    out["feishu-url-verification-encrypted"] = http_event("POST /chat/feishu/events", body, {"content-type": "application/json"})

    body = dingtalk_body("msgSAMPLE0001==", "courses")
    out["dingtalk-message"] = http_event("POST /chat/dingtalk/events", body, dingtalk_headers())
    out["bad-dingtalk-stale"] = http_event("POST /chat/dingtalk/events", body, dingtalk_headers(millis=(NOW - 61) * 1000))
    body = dingtalk_body("msgSAMPLE0002==", "courses", robot_code="someoneelsesrobot")
    out["bad-dingtalk-other-robot"] = http_event("POST /chat/dingtalk/events", body, dingtalk_headers())

    out["confirm-chat-link"] = http_event("POST /me/chat-links", b'{"code":"7KQ2-MX9D"}',
                                          {"content-type": "application/json", "idempotency-key": "sample-link-0001"},
                                          claims=claims("emma", [], "Finance"))
    out["list-my-chat-links"] = http_event("GET /me/chat-links", None, {}, claims=claims("emma", [], "Finance"))
    out["list-chat-links-admin"] = http_event("GET /chat-links", None, {}, claims=claims("ada.admin", ["admin"], "IT"),
                                              query={"platform": "slack", "limit": "10"})
    out["remove-my-chat-link"] = http_event("DELETE /me/chat-links/{linkId}", None, {}, claims=claims("emma", [], "Finance"),
                                            path_params={"linkId": "01JDZZ0000000000000000SAMP"})
    out["remove-chat-link-admin"] = http_event("DELETE /chat-links/{linkId}", None, {}, claims=claims("ada.admin", ["admin"], "IT"),
                                               path_params={"linkId": "01JDZZ0000000000000000SAMP"})

    out["chat-reply"] = bus_event("ChatReply", "itops.asset", {
        "commandId": "01JDZZ0000000000000000CMD1", "language": "en", "text": "You hold LT-0001 (ThinkPad X1 Carbon), in service.",
        "conversation": {"platform": "slack", "ref": "slack#Ev0SAMPLE01"}}, "7d0c1f2e-sample-reply")
    out["notification"] = bus_event("Notification", "itops.training", {
        "kind": "TrainingReminder", "subjectId": "01JDZZ0000000000000000SES1", "to": ["emma", "li"], "department": "Finance",
        "en": "Security awareness training starts tomorrow at 10:00 in room 3-01.",
        "zh": "安全意识培训明天 10:00 在 3-01 会议室开始。"}, "7d0c1f2e-sample-notice")
    return out


if __name__ == "__main__":
    for name, event in samples().items():
        with open(os.path.join(HERE, name + ".json"), "w", encoding="utf-8") as f:
            json.dump(event, f, ensure_ascii=False, indent=2)
            f.write("\n")
        print("wrote", name + ".json")
