package io.itops.shared.events;

/**
 * The state of an asset as every asset event carries it ({@code detail.asset}), so that other
 * functions keep their own projections of the register (backup coverage, scan targets) from the bus
 * instead of reading the register's items. Detail-types that carry it: AssetRegistered, AssetUpdated,
 * AssetStatusChanged, AssetCustodyChanged.
 */
public record AssetSnapshot(String assetId, String assetTag, String category, String status, String model,
                            String department, String custodian, String location, boolean holdsBusinessData,
                            long version) {}
