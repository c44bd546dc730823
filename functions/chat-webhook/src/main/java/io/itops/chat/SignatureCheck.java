package io.itops.chat;

import java.security.MessageDigest;

/**
 * Compares the signature we computed with the one presented. Production uses
 * {@link MessageDigest#isEqual}, whose time does not depend on where the bytes differ; tests wrap it
 * to prove every verifier decides through this comparison.
 */
@FunctionalInterface
interface SignatureCheck {
    SignatureCheck CONSTANT_TIME = MessageDigest::isEqual;

    boolean matches(byte[] expected, byte[] presented);
}
