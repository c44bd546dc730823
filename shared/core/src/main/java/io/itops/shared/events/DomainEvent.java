package io.itops.shared.events;

/** An event one function tells the others about: its EventBridge detail-type and its detail. */
public record DomainEvent(String detailType, Object detail) {}
