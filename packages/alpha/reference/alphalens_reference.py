#!/usr/bin/env python3
"""
Reference values for @qt-backtest/alpha's factor analysis, computed by alphalens itself.

alphalens: github.com/quantopian/alphalens, commit 77084f1 (master, "Merge pull request #361 ...
perf-improvements"; version 0.4.0+), run from its source tree with pandas 1.5.3, numpy 1.24.2,
scipy 1.10.1, statsmodels 0.13.5 (Debian).

Compatibility shims (this script only, none in alphalens' code): alphalens' package __init__
imports its plotting module, which needs seaborn, IPython and empyrical (not installed). We stub
`seaborn`, `IPython.display` and `empyrical` (only `cum_returns`, unused here) so that
`alphalens.performance` and `alphalens.utils` import unchanged. The IC summary table is computed
with the exact expressions of `alphalens.plotting.plot_information_table` (copied below, since
calling it would print and needs the plotting stack).

Usage: ALPHALENS=/path/to/alphalens/checkout python3 alphalens_reference.py
Writes alphalens_small.json (+ the small panel's input CSVs) and alphalens_momentum20.json.
"""
import json
import os
import sys
import types

import numpy as np
import pandas as pd
from scipy import stats

for name in ["seaborn", "IPython", "IPython.display", "empyrical"]:
    sys.modules[name] = types.ModuleType(name)
sys.modules["IPython.display"].display = print
sys.modules["empyrical"].cum_returns = lambda r, starting_value=1: (1 + r).cumprod() * starting_value
sys.path.insert(0, os.environ.get("ALPHALENS", "/tmp/alphalens"))

from alphalens import performance as perf  # noqa: E402
from alphalens import utils  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def num(x):
    x = float(x)
    return None if not np.isfinite(x) else x


def day(ts):
    return pd.Timestamp(ts).strftime("%Y-%m-%d")


def ic_summary(ic_data):
    # alphalens.plotting.plot_information_table, verbatim expressions
    t_stat, p_value = stats.ttest_1samp(ic_data, 0)
    return {
        "mean": ic_data.mean(),
        "std": ic_data.std(),
        "riskAdjusted": ic_data.mean() / ic_data.std(),
        "tStat": t_stat,
        "pValue": p_value,
        "skew": stats.skew(ic_data),
        "kurtosis": stats.kurtosis(ic_data),
    }


def analyse(factor, prices, periods, quantiles, groups=None):
    fd = utils.get_clean_factor_and_forward_returns(
        factor, prices, groupby=groups, quantiles=quantiles, periods=periods, max_loss=1.0
    )
    cols = list(utils.get_forward_returns_columns(fd.columns))
    assert len(cols) == len(periods), cols
    label = dict(zip(cols, [str(p) for p in periods]))
    out = {"periods": list(periods), "quantiles": quantiles, "columns": cols, "rows": len(fd)}

    ic = perf.factor_information_coefficient(fd)
    out["ic"] = [{"date": day(d), **{label[c]: num(row[c]) for c in cols}} for d, row in ic.iterrows()]
    summ = {label[c]: {k: num(v[i]) for k, v in ic_summary(ic).items()} for i, c in enumerate(cols)}
    out["icSummary"] = summ

    mean_q, std_q = perf.mean_return_by_quantile(fd)
    out["meanReturnByQuantile"] = {
        label[c]: [{"quantile": int(q), "mean": num(mean_q.loc[q, c]), "stdError": num(std_q.loc[q, c])} for q in mean_q.index]
        for c in cols
    }
    mean_qd, std_qd = perf.mean_return_by_quantile(fd, by_date=True)
    out["meanReturnByQuantileByDate"] = {
        label[c]: [{"quantile": int(q), "date": day(d), "mean": num(mean_qd.loc[(q, d), c])} for (q, d) in mean_qd.index]
        for c in cols
    }
    fr = perf.factor_returns(fd)
    out["factorReturns"] = [{"date": day(d), **{label[c]: num(row[c]) for c in cols}} for d, row in fr.iterrows()]
    ab = perf.factor_alpha_beta(fd)
    out["alphaBeta"] = {label[c]: {"annualAlpha": num(ab.loc["Ann. alpha", c]), "beta": num(ab.loc["beta", c])} for c in cols}
    w = perf.factor_weights(fd)
    out["factorWeights"] = [{"date": day(d), "asset": a, "weight": num(v)} for (d, a), v in w.items()]

    qf = fd["factor_quantile"]
    out["quantileTurnover"] = {
        str(int(q)): {str(p): [{"date": day(d), "value": num(v)} for d, v in perf.quantile_turnover(qf, q, p).items()] for p in periods}
        for q in sorted(qf.unique())
    }
    out["rankAutocorrelation"] = {
        str(p): [{"date": day(d), "value": num(v)} for d, v in perf.factor_rank_autocorrelation(fd, p).items()] for p in periods
    }
    out["factorData"] = [
        {"date": day(d), "asset": a, "factor": num(r["factor"]), "quantile": int(r["factor_quantile"]), **{label[c]: num(r[c]) for c in cols}}
        for (d, a), r in fd.iterrows()
    ]
    if groups is not None:
        icg = perf.factor_information_coefficient(fd, group_adjust=True)
        out["icGroupAdjusted"] = [{"date": day(d), **{label[c]: num(row[c]) for c in cols}} for d, row in icg.iterrows()]
        mqg, sqg = perf.mean_return_by_quantile(fd, group_adjust=True)
        out["meanReturnByQuantileGroupAdjusted"] = {
            label[c]: [{"quantile": int(q), "mean": num(mqg.loc[q, c]), "stdError": num(sqg.loc[q, c])} for q in mqg.index]
            for c in cols
        }
        frg = perf.factor_returns(fd, group_adjust=True)
        out["factorReturnsGroupNeutral"] = [{"date": day(d), **{label[c]: num(row[c]) for c in cols}} for d, row in frg.iterrows()]
        abg = perf.factor_alpha_beta(fd, group_adjust=True)
        out["alphaBetaGroupNeutral"] = {
            label[c]: {"annualAlpha": num(abg.loc["Ann. alpha", c]), "beta": num(abg.loc["beta", c])} for c in cols
        }
        icbg = perf.mean_information_coefficient(fd, by_group=True)
        out["meanIcByGroup"] = {str(g): {label[c]: num(icbg.loc[g, c]) for c in cols} for g in icbg.index}
    return out


def small_panel():
    rng = np.random.RandomState(20240101)
    assets = ["A%02d" % i for i in range(12)]
    dates = pd.bdate_range("2015-01-05", periods=45)
    rets = rng.normal(0.0005, 0.02, size=(len(dates), len(assets)))
    prices = pd.DataFrame(100 * np.exp(np.cumsum(rets, axis=0)), index=dates, columns=assets).round(4)
    fwd5 = prices.shift(-5) / prices - 1
    factor_wide = (fwd5.fillna(0) * 3 + rng.normal(0, 0.03, size=prices.shape)).round(6)
    factor_wide = factor_wide.iloc[:40]
    factor_wide.iloc[3, 2] = np.nan  # missing factor values
    factor_wide.iloc[7, [0, 5]] = np.nan
    factor_wide.iloc[10, :] = 0.25  # all equal: qcut has duplicate edges, the date is dropped in binning
    factor_wide.iloc[12, [1, 2, 3]] = factor_wide.iloc[12, 4]  # ties → average ranks
    factor_wide.iloc[15, 7] = np.inf  # non-finite factor: dropped
    factor_wide.index.name = "date"
    factor = factor_wide.stack(dropna=False)
    factor.index = factor.index.set_names(["date", "asset"])
    groups = {a: ["Tech", "Energy", "Health"][i % 3] for i, a in enumerate(assets)}
    periods = (1, 2, 5)
    res = analyse(factor.dropna(), prices, periods, 4, groups)
    # inputs for the TypeScript tests and the CLI
    prices.to_csv(os.path.join(HERE, "small_prices.csv"), index_label="date", date_format="%Y-%m-%d", float_format="%.4f")
    long = factor.dropna().reset_index()
    long.columns = ["date", "symbol", "factor"]
    long["date"] = long["date"].dt.strftime("%Y-%m-%d")
    long.to_csv(os.path.join(HERE, "small_factor.csv"), index=False, float_format="%.6f")
    pd.Series(groups, name="group").rename_axis("symbol").to_csv(os.path.join(HERE, "small_groups.csv"))
    res["source"] = "alphalens 77084f1 (0.4.0+) via packages/alpha/reference/alphalens_reference.py"
    res["inputRows"] = int(len(factor.dropna()))
    return res


def momentum20():
    path = os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "stock_prices.csv")
    prices = pd.read_csv(path, index_col=0, parse_dates=True)
    mom = prices / prices.shift(20) - 1  # 20-day momentum at t from closes t-20 and t (no fill)
    factor = mom.stack()  # drops NaN
    factor.index = factor.index.set_names(["date", "asset"])
    periods = (1, 5, 10)
    res = analyse(factor, prices, periods, 5)
    keep = {k: res[k] for k in ("periods", "quantiles", "rows", "icSummary", "meanReturnByQuantile", "alphaBeta")}
    keep["ic"] = res["ic"][::97]  # a sample of dates, to keep the fixture small
    keep["icCount"] = len(res["ic"])
    keep["factorReturns"] = res["factorReturns"][::97]
    keep["source"] = "alphalens 77084f1 (0.4.0+) on shared/data/stock_prices.csv via alphalens_reference.py"
    keep["inputRows"] = int(len(factor))
    return keep


if __name__ == "__main__":
    with open(os.path.join(HERE, "alphalens_small.json"), "w") as f:
        json.dump(small_panel(), f, indent=1)
    with open(os.path.join(HERE, "alphalens_momentum20.json"), "w") as f:
        json.dump(momentum20(), f, indent=1)
    print("ok")
