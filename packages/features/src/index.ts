/**
 * `@qt-backtest/features`: look-ahead-safe indicators and transforms with an index-aligned batch
 * face and a streaming face that agree value for value, checked by the causality contract in
 * `@qt-backtest/features/testing`.
 *
 * @packageDocumentation
 */

// Framework
export type { AnyStreamingFeature, BarColumns, BarInput, FeatureDefinition, FeatureOutput, StreamingFeature } from './core/types.js';
export { CausalityError, FeatureArgumentError } from './core/errors.js';
// The causality check is also a runtime guard (e.g. RL environments refuse leaking features), so it
// is exported here too, not only from the vitest-based ./testing entry.
export type { CausalityOptions } from './testing/assertCausal.js';
export { assertCausal } from './testing/assertCausal.js';
export { ExactRollingSum } from './core/ExactRollingSum.js';

// Pipeline
export type { CrossSectionalStep, FeatureColumns, FeatureLookup, PanelInput } from './pipeline/FeaturePipeline.js';
export { FeaturePipeline } from './pipeline/FeaturePipeline.js';

// Trend
export { Sma, sma, smaFeature } from './trend/sma.js';
export { Ema, ema, emaFeature } from './trend/ema.js';
export { Wma, wma, wmaFeature } from './trend/wma.js';
export { Dema, dema, demaFeature } from './trend/dema.js';
export { Tema, tema, temaFeature } from './trend/tema.js';

// Momentum
export type { MacdOptions, MacdOutput, MacdValue } from './momentum/macd.js';
export { Macd, macd, macdFeature } from './momentum/macd.js';
export { Rsi, rsi, rsiFeature } from './momentum/rsi.js';
export { Roc, roc, rocFeature } from './momentum/roc.js';
export { Momentum, momentum, momentumFeature } from './momentum/momentum.js';
export type { AdxColumns, AdxValue } from './momentum/adx.js';
export { Adx, adx, adxFeature } from './momentum/adx.js';
export type { StochasticColumns, StochasticOptions, StochasticValue } from './momentum/stochastic.js';
export { Stochastic, stochastic, stochasticFeature } from './momentum/stochastic.js';
export { Cci, cci, cciFeature } from './momentum/cci.js';
export { WilliamsR, williamsR, williamsRFeature } from './momentum/williamsR.js';
export type { AroonColumns, AroonValue } from './momentum/aroon.js';
export { Aroon, aroon, aroonFeature } from './momentum/aroon.js';

// Volatility
export { TrueRange, trueRange, trueRangeFeature, trueRangeOf } from './volatility/trueRange.js';
export { Atr, atr, atrFeature } from './volatility/atr.js';
export type { KeltnerColumns, KeltnerOptions, KeltnerValue } from './volatility/keltner.js';
export { Keltner, keltner, keltnerFeature } from './volatility/keltner.js';
export type { BollingerBands, BollingerOptions, BollingerValue } from './volatility/bollinger.js';
export { Bollinger, bollinger, bollingerFeature } from './volatility/bollinger.js';
export type { DonchianChannels, DonchianValue } from './volatility/donchian.js';
export { Donchian, donchian, donchianFeature } from './volatility/donchian.js';
export type { RealizedVolOptions } from './volatility/parkinsonVol.js';
export { ParkinsonVol, parkinsonVol, parkinsonVolFeature } from './volatility/parkinsonVol.js';
export { GarmanKlassVol, garmanKlassVol, garmanKlassVolFeature } from './volatility/garmanKlassVol.js';
export { YangZhangVol, yangZhangVol, yangZhangVolFeature } from './volatility/yangZhangVol.js';

// Rolling statistics and returns
export type { RollingStdOptions } from './statistics/rollingStd.js';
export { RollingStd, rollingStd, rollingStdFeature } from './statistics/rollingStd.js';
export type { RollingZScoreOptions } from './statistics/rollingZScore.js';
export { RollingZScore, rollingZScore, rollingZScoreFeature } from './statistics/rollingZScore.js';
export { RollingMin, rollingMin, rollingMinFeature } from './statistics/rollingMin.js';
export { RollingMax, rollingMax, rollingMaxFeature } from './statistics/rollingMax.js';
export { RollingQuantile, rollingQuantile, rollingQuantileFeature } from './statistics/rollingQuantile.js';
export { RollingRank, rollingRank, rollingRankFeature } from './statistics/rollingRank.js';
export { Returns, returns, returnsFeature } from './statistics/returns.js';
export { LogReturns, logReturns, logReturnsFeature } from './statistics/logReturns.js';
export type { HurstOptions } from './statistics/hurstExponent.js';
export { HurstExponent, hurstExponent, hurstExponentFeature } from './statistics/hurstExponent.js';
export type { AutocorrelationOptions, WindowInput } from './statistics/autocorrelation.js';
export { Autocorrelation, autocorrelation, autocorrelationFeature } from './statistics/autocorrelation.js';

// Volume and microstructure
export { normalCdf } from './core/normalCdf.js';
export { Obv, obv, obvFeature } from './volume/obv.js';
export type { HlcvColumns, SessionVwapOptions } from './volume/vwap.js';
export { RollingVwap, rollingVwap, rollingVwapFeature, SessionVwap, sessionVwap, sessionVwapFeature } from './volume/vwap.js';
export { Mfi, mfi, mfiFeature } from './volume/mfi.js';
export { AmihudIlliquidity, amihudIlliquidity, amihudIlliquidityFeature } from './volume/amihudIlliquidity.js';
export { KyleLambda, kyleLambda, kyleLambdaFeature } from './volume/kyleLambda.js';
export type { VpinOptions } from './volume/vpin.js';
export { Vpin, vpin, vpinFeature } from './volume/vpin.js';

// Cross-asset statistics
export type { PairFeatureOptions } from './statistics/rollingBeta.js';
export { RollingBeta, rollingBeta, rollingBetaFeature } from './statistics/rollingBeta.js';
export { RollingCorrelation, rollingCorrelation, rollingCorrelationFeature } from './statistics/rollingCorrelation.js';
export type { PcaSnapshot, RollingPcaOptions, RollingPcaResult } from './statistics/rollingPca.js';
export { RollingPca, rollingPca } from './statistics/rollingPca.js';

// Cross-sectional
export type { CrossSectionFn, Panel } from './crossSectional/crossSectional.js';
export { crossSectional, panelLength } from './crossSectional/crossSectional.js';
export { csRank } from './crossSectional/csRank.js';
export { csZScore } from './crossSectional/csZScore.js';
export { csDemean } from './crossSectional/csDemean.js';
export type { WinsorizeOptions } from './crossSectional/winsorize.js';
export { winsorize } from './crossSectional/winsorize.js';

// Breadth: technicalindicators behind the aligned interface (batch only)
export { alignTail, alignTailRecords } from './breadth/alignTail.js';
export type { IchimokuOutput, IchimokuParams } from './breadth/ichimoku.js';
export { ichimoku, ichimokuFeature } from './breadth/ichimoku.js';
export type { PsarParams } from './breadth/psar.js';
export { psar, psarFeature } from './breadth/psar.js';
export type { KstOutput, KstParams } from './breadth/kst.js';
export { kst, kstFeature } from './breadth/kst.js';
export { trix, trixFeature } from './breadth/trix.js';
export type { AwesomeOscillatorParams } from './breadth/awesomeOscillator.js';
export { awesomeOscillator, awesomeOscillatorFeature } from './breadth/awesomeOscillator.js';
export { forceIndex, forceIndexFeature } from './breadth/forceIndex.js';
export { adl, adlFeature } from './breadth/adl.js';
export type { StochasticRsiOutput, StochasticRsiParams } from './breadth/stochasticRsi.js';
export { stochasticRsi, stochasticRsiFeature } from './breadth/stochasticRsi.js';
export type { ChandelierExitOutput, ChandelierExitParams } from './breadth/chandelierExit.js';
export { chandelierExit, chandelierExitFeature } from './breadth/chandelierExit.js';
export type { HeikinAshiOutput } from './breadth/heikinAshi.js';
export { heikinAshi, heikinAshiFeature } from './breadth/heikinAshi.js';
export type { CandlestickPatternName } from './breadth/candlestickPattern.js';
export { CANDLESTICK_PATTERNS, candlestickLookback, candlestickPattern, candlestickPatternFeature } from './breadth/candlestickPattern.js';
