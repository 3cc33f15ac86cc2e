package com.qlower.loaders.ports;

/**
 * What a partner has already sent, for the business rules that need it: a transaction's property must exist, a
 * property's owner must exist.
 *
 * <p>Contract: answers only for the given partner (another partner's records are never found) and only for
 * records that are not retired.
 */
public interface ReferenceData {

    enum Entity { OWNER, PROPERTY, TRANSACTION }

    boolean exists(String partnerId, Entity entity, String externalId);
}
