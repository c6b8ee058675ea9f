using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static Config.Providers.Conformance.Binder.BinderComparison;

namespace Config.Providers.Conformance.Binder;

/// <summary>
/// ConfigurationBinder's own test scenarios (dotnet/runtime, src/libraries/Microsoft.Extensions.Configuration.Binder/
/// tests: each case names the test it comes from), run against the real ConfigurationBinder and against
/// <c>AddSettings&lt;T&gt;</c> on the same keys. A case either binds to the same result (or fails on both), or is a
/// documented deliberate difference (<see cref="BinderDifferences"/>, docs/settings.md "Coming from
/// ConfigurationBinder") whose both outcomes are asserted — so the table stays true.
/// </summary>
public sealed class ConfigurationBinderSuiteTests
{
    private static readonly Action<SettingsOptions> Strict = o => o.UnknownKeys = UnknownKeyPolicy.Error;

    // CanReadAllSupportedTypes: the framework's type table, one row per type.
    [Theory]
    [InlineData("int", "-2147483648")]
    [InlineData("uint", "4294967295")]
    [InlineData("short", "32767")]
    [InlineData("ushort", "65535")]
    [InlineData("long", "-9223372036854775808")]
    [InlineData("ulong", "18446744073709551615")]
    [InlineData("bool", "trUE")]
    [InlineData("byte", "255")]
    [InlineData("sbyte", "127")]
    [InlineData("char", "\uffff")]
    [InlineData("decimal", "79228162514264337593543950335")]
    [InlineData("double", "1.79769e+308")]
    [InlineData("float", "3.40282347E+38")]
    [InlineData("DateTime", "2015-12-24T07:34:42-5:00")]
    [InlineData("DateTimeOffset", "12/24/2015 13:44:55 +4")]
    [InlineData("TimeSpan", "99.22:22:22.1234567")]
    [InlineData("Uri", "http://www.bing.com")]
    [InlineData("AttributeTargets", "Constructor")]
    [InlineData("Guid", "CA761232-ED42-11CE-BACD-00AA0057B223")]
    public void CanReadAllSupportedTypes(string type, string value) => Scalar(type, value);

    // GetScalar, GetScalarNullable, EmptyStringIsNullable.
    [Theory]
    [InlineData("int", "-2")]
    [InlineData("bool", "TRUe")]
    [InlineData("int?", "11")]
    [InlineData("bool?", "TRUe")]
    [InlineData("int?", "")]
    [InlineData("bool?", "")]
    [InlineData("int", " 8 ")]
    [InlineData("double", "1,5")]
    [InlineData("int", "2147483648")]
    [InlineData("uint", "-1")]
    [InlineData("int", "0x10")]
    [InlineData("DateTime", "12/24/2015 13:44:55")]
    [InlineData("TimeSpan", "00:00:30")]
    [InlineData("AttributeTargets", "4")]
    [InlineData("AttributeTargets", "Class, Method")]
    [InlineData("Version", "1.2.3.4")]
    [InlineData("Guid", "not-a-guid")]
    public void GetScalar(string type, string value) => Scalar(type, value);

    // CanBindWithKeyOverload, CanBindIConfigurationSection: nested objects, case-insensitive booleans.
    [Fact]
    public void CanBindWithKeyOverload() => Same(
        s => s.AddSettings<ComplexOptions>("App", Strict),
        ("App:Integer", "-2"), ("App:Boolean", "TRUe"), ("App:Nested:Integer", "11"), ("App:Virtual", "Sup"));

    // CanBindConfigurationKeyNameAttributes.
    [Fact]
    public void CanBindConfigurationKeyNameAttributes() => Same(s => s.AddSettings<KeyNamed>("App", Strict), ("App:Named_Property", "Yo"));

    // ThrowsIfPropertyInConfigMissingInModel / …InNestedModel, with ErrorOnUnknownConfiguration and UnknownKeys = Error.
    [Fact]
    public void ThrowsIfPropertyInConfigMissingInModel()
    {
        (string, string?)[] pairs = [("App:ThisDoesNotExistInTheModel", "42"), ("App:Integer", "-2")];
        Assert.Equal(Fails, Framework<ComplexOptions>(pairs, o => o.ErrorOnUnknownConfiguration = true));
        Assert.Equal(Fails, Ours(s => s.AddSettings<ComplexOptions>("App", Strict), pairs));
    }

    [Fact]
    public void ThrowsIfPropertyInConfigMissingInNestedModel()
    {
        (string, string?)[] pairs = [("App:Nested:ThisDoesNotExistInTheModel", "42"), ("App:Integer", "-2")];
        Assert.Equal(Fails, Framework<ComplexOptions>(pairs, o => o.ErrorOnUnknownConfiguration = true));
        Assert.Equal(Fails, Ours(s => s.AddSettings<ComplexOptions>("App", Strict), pairs));
    }

    // The default: an unknown key is ignored by the binder, warned by AddSettings — the bound values are the same.
    [Fact]
    public void DoesNotThrowIfPropertyInConfigMissingInModelByDefault() => Same(
        s => s.AddSettings<ComplexOptions>("App"),
        ("App:ThisDoesNotExistInTheModel", "42"), ("App:Integer", "-2"));

    // BindWithNestedTypesWithReadOnlyProperties: records through their constructors.
    [Fact]
    public void BindWithNestedTypesWithReadOnlyProperties() => Same(s => s.AddSettings<Outer>("App", Strict), ("App:Nested:MyProp", "Dummy"));

    // CanBindOnParametersAndProperties: a record's constructor, then an init property after it.
    [Fact]
    public void CanBindOnParametersAndProperties() => Same(s => s.AddSettings<WithInit>("App", Strict), ("App:A", "a"), ("App:B", "2"));

    // CanBindInitOnlyProperties.
    [Fact]
    public void CanBindInitOnlyProperties() => Same(s => s.AddSettings<InitOnly>("App", Strict), ("App:Name", "n"), ("App:Count", "3"));

    // CanBindRecordStructOptions / a constructor parameter without a key.
    [Fact]
    public void ThrowsIfConstructorParameterHasNoValue() => Same(s => s.AddSettings<Point>("App"), ("App:X", "1"));

    // NonPublicModeGetStillIgnoresReadonly / GetIgnoresTests: a private setter is not bound by default.
    [Fact]
    public void DoesNotBindPrivateSetters() => Same(s => s.AddSettings<PrivateSetter>("App"), ("App:Visible", "1"), ("App:Hidden", "2"));

    // CanBindArrays, CanBindList, CanBindIReadOnlyList, CanBindIEnumerable (ConfigurationBinderTests.Collections).
    [Fact]
    public void CanBindCollections() => Same(
        s => s.AddSettings<Lists>("App", Strict),
        ("App:Array:0", "a"), ("App:Array:1", "b"), ("App:Numbers:0", "1"), ("App:Numbers:1", "2"),
        ("App:ReadOnly:0", "x"), ("App:Sequence:0", "y"), ("App:Sequence:1", "z"));

    // ArraysAreCompactedWhenIndexesAreMissing (sparse indexes).
    [Fact]
    public void SparseIndexesAreCompacted() => Same(s => s.AddSettings<Lists>("App", Strict), ("App:Array:0", "a"), ("App:Array:2", "c"), ("App:Numbers:1", "1"), ("App:Numbers:5", "5"));

    // CanBindStringDictionary, CanBindIntDictionary-style keys, CanBindIReadOnlyDictionary.
    [Fact]
    public void CanBindDictionaries() => Same(
        s => s.AddSettings<Maps>("App", Strict),
        ("App:ByName:a", "1"), ("App:ByName:b", "2"), ("App:ByNumber:1", "one"), ("App:ByNumber:2", "two"), ("App:ReadOnly:k", "v"));

    // EnumBindCaseInsensitiveNotThrows: enum dictionary keys in any case.
    [Fact]
    public void EnumBindCaseInsensitiveNotThrows() => Same(s => s.AddSettings<EnumKeyed>("App", Strict), ("App:Map:Option1", "opt1"), ("App:Map:option2", "opt2"));

    // CanBindDerivedList-style: a type deriving from List<string>.
    [Fact]
    public void CanBindDerivedList() => Same(s => s.AddSettings<DerivedListHolder>("App", Strict), ("App:Names:0", "a"), ("App:Names:1", "b"));

    // CanBindByteArray (base64) and CanBindByteArrayWithIndexes.
    [Fact]
    public void CanBindByteArrayFromBase64() => Same(s => s.AddSettings<Bytes>("App", Strict), ("App:Data", Convert.ToBase64String([1, 2, 3, 250])));

    [Fact]
    public void CanBindByteArrayFromIndexes() => Same(s => s.AddSettings<Bytes>("App", Strict), ("App:Data:0", "1"), ("App:Data:1", "2"));

    [Fact]
    public void ByteArrayFromInvalidBase64Fails() => Same(s => s.AddSettings<Bytes>("App"), ("App:Data", "not base64!"));

    // ExceptionWhenTryingToBindToMultidimensionalArray-style: string[,].
    [Fact]
    public void MultidimensionalArraysAreRefused() => Same(s => s.AddSettings<Grid>("App"), ("App:Cells:0", "x"));

    // CanBindToObjectProperty: a member typed object takes the string.
    [Fact]
    public void CanBindToObjectProperty() => Differs(BinderDifferences.ObjectMember, s => s.AddSettings<ObjectMember>("App"), ("App:Object", "whatever"));

    // Collections: an initialised list and keys for it.
    [Fact]
    public void InitialisedListWithKeys() => Differs(BinderDifferences.InitialisedListWithKeys, s => s.AddSettings<InitialisedList>("App", Strict), ("App:Items:0", "configured"));

    // A non-numeric key under a list.
    [Fact]
    public void NonNumericKeyUnderAList() => Differs(BinderDifferences.NonNumericKeyUnderAList, s => s.AddSettings<Lists>("App"), ("App:Numbers:0", "1"), ("App:Numbers:x", "2"));

    // An object member with an initializer, partly configured: the initializer's values fill in what is not set.
    [Fact]
    public void InitialisedObjectPartlyConfigured() => Same(s => s.AddSettings<WithDefaultObject>("App", Strict), ("App:Nested:B", "20"));

    // The same for a record built through its constructor.
    [Fact]
    public void InitialisedRecordPartlyConfigured() => Same(s => s.AddSettings<WithDefaultRecord>("App", Strict), ("App:Database:Port", "6000"));

    // The coercion table reads more than the type converters in places, and less in others (docs/settings.md).
    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("1")]
    public void BooleanWords(string value) => Differs(BinderDifferences.BooleanWords, s => s.AddSettings<Holder<bool>>("App", Strict), ("App:Value", value));

    [Theory]
    [InlineData("30s")]
    [InlineData("PT30S")]
    [InlineData("0.5m")]
    public void DurationUnits(string value) => Differs(BinderDifferences.DurationUnits, s => s.AddSettings<Holder<TimeSpan>>("App", Strict), ("App:Value", value));

    [Fact]
    public void EnumNumberNamingNoMember() => Differs(BinderDifferences.EnumNumberNamingNoMember, s => s.AddSettings<Holder<Switch>>("App", Strict), ("App:Value", "7"));

    [Fact]
    public void RelativeUri() => Differs(BinderDifferences.RelativeUri, s => s.AddSettings<Holder<Uri>>("App", Strict), ("App:Value", "/etc/orders"));

    [Fact]
    public void HexTwosComplement() => Differs(BinderDifferences.HexTwosComplement, s => s.AddSettings<Holder<int>>("App", Strict), ("App:Value", "0xFFFFFFFF"));

    // A key with a value and children, for an object.
    [Fact]
    public void ValueAndChildrenForAnObject() => Differs(BinderDifferences.ValueAndChildrenForAnObject, s => s.AddSettings<ComplexOptions>("App"), ("App:Nested", "text"), ("App:Nested:Integer", "1"));

    private static void Same<T>(Func<IServiceCollection, OptionsBuilder<T>> register, params (string Key, string? Value)[] pairs)
        where T : class
    {
        var framework = Framework<T>(pairs);
        var ours = Ours(register, pairs);
        Assert.True(framework == ours, $"ConfigurationBinder: {framework}\nAddSettings:       {ours}");
    }

    private static void Differs<T>(BinderDifference difference, Func<IServiceCollection, OptionsBuilder<T>> register, params (string Key, string? Value)[] pairs)
        where T : class
    {
        Assert.Equal(difference.Framework, Framework<T>(pairs));
        Assert.Equal(difference.Ours, Ours(register, pairs));
    }

    /// <summary>A row of the type tables: the type by name, each with its own AddSettings call.</summary>
    private static void Scalar(string type, string value)
    {
        (string, string?)[] pairs = [("App:Value", value)];
        switch (type)
        {
            case "int": Same(s => s.AddSettings<Holder<int>>("App", Strict), pairs); break;
            case "uint": Same(s => s.AddSettings<Holder<uint>>("App", Strict), pairs); break;
            case "short": Same(s => s.AddSettings<Holder<short>>("App", Strict), pairs); break;
            case "ushort": Same(s => s.AddSettings<Holder<ushort>>("App", Strict), pairs); break;
            case "long": Same(s => s.AddSettings<Holder<long>>("App", Strict), pairs); break;
            case "ulong": Same(s => s.AddSettings<Holder<ulong>>("App", Strict), pairs); break;
            case "bool": Same(s => s.AddSettings<Holder<bool>>("App", Strict), pairs); break;
            case "byte": Same(s => s.AddSettings<Holder<byte>>("App", Strict), pairs); break;
            case "sbyte": Same(s => s.AddSettings<Holder<sbyte>>("App", Strict), pairs); break;
            case "char": Same(s => s.AddSettings<Holder<char>>("App", Strict), pairs); break;
            case "decimal": Same(s => s.AddSettings<Holder<decimal>>("App", Strict), pairs); break;
            case "double": Same(s => s.AddSettings<Holder<double>>("App", Strict), pairs); break;
            case "float": Same(s => s.AddSettings<Holder<float>>("App", Strict), pairs); break;
            case "DateTime": Same(s => s.AddSettings<Holder<DateTime>>("App", Strict), pairs); break;
            case "DateTimeOffset": Same(s => s.AddSettings<Holder<DateTimeOffset>>("App", Strict), pairs); break;
            case "TimeSpan": Same(s => s.AddSettings<Holder<TimeSpan>>("App", Strict), pairs); break;
            case "Uri": Same(s => s.AddSettings<Holder<Uri>>("App", Strict), pairs); break;
            case "AttributeTargets": Same(s => s.AddSettings<Holder<AttributeTargets>>("App", Strict), pairs); break;
            case "Guid": Same(s => s.AddSettings<Holder<Guid>>("App", Strict), pairs); break;
            case "Version": Same(s => s.AddSettings<Holder<Version>>("App", Strict), pairs); break;
            case "int?": Same(s => s.AddSettings<Holder<int?>>("App", Strict), pairs); break;
            case "bool?": Same(s => s.AddSettings<Holder<bool?>>("App", Strict), pairs); break;
            default: throw new ArgumentException($"no case for {type}", nameof(type));
        }
    }
}
