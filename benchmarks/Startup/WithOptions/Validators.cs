// [OptionsValidator]: the options source generator writes DataAnnotations validation at compile time (AOT-safe).
using Microsoft.Extensions.Options;

namespace Startup;

[OptionsValidator]
public sealed partial class OrdersValidator : IValidateOptions<OrdersSettings>;

[OptionsValidator]
public sealed partial class BillingValidator : IValidateOptions<BillingSettings>;

[OptionsValidator]
public sealed partial class ShippingValidator : IValidateOptions<ShippingSettings>;

[OptionsValidator]
public sealed partial class CatalogValidator : IValidateOptions<CatalogSettings>;

[OptionsValidator]
public sealed partial class IdentityValidator : IValidateOptions<IdentitySettings>;
