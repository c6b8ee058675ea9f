using System.Text.Json.Serialization;

namespace Config.Providers.Consul;

[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = false, Converters = [typeof(ConsulKvEntryConverter)])]
[JsonSerializable(typeof(ConsulKvEntry[]))]
[JsonSerializable(typeof(HealthDto[]))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class ConsulJsonContext : JsonSerializerContext;
