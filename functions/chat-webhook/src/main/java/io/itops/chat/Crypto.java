package io.itops.chat;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** The primitives the three platforms sign and encrypt with. */
final class Crypto {
    private Crypto() {}

    static byte[] hmacSha256(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * Feishu's event encryption: AES-256-CBC, key = SHA-256 of the Encrypt Key, the first 16 bytes of
     * the base64-decoded payload are the IV. Throws IllegalArgumentException when it does not decrypt.
     */
    static byte[] feishuDecrypt(String encryptKey, String payload) {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(payload);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not base64");
        }
        if (data.length < 32 || data.length % 16 != 0) {
            throw new IllegalArgumentException("not an AES-CBC payload");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(sha256(utf8(encryptKey)), "AES"),
                    new IvParameterSpec(Arrays.copyOfRange(data, 0, 16)));
            return cipher.doFinal(data, 16, data.length - 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("does not decrypt with the Encrypt Key");
        }
    }
}
