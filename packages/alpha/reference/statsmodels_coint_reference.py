#!/usr/bin/env python3
"""
Reference values for @qt-backtest/alpha's ADF and Engle–Granger tests, from statsmodels 0.13.5
(Debian python3-statsmodels 0.13.5+dfsg) with numpy 1.24.2: `adfuller` (autolag='AIC', default
maxlag, regression 'c' and 'n') and `coint` (trend 'c', autolag 'aic'). Inputs are written beside
the results so the TypeScript tests read the exact same numbers.

Usage: python3 statsmodels_coint_reference.py  → statsmodels_coint.json
"""
import json
import os

import numpy as np
import pandas as pd
import statsmodels
from statsmodels.tsa.stattools import adfuller, coint
from statsmodels.regression.linear_model import OLS
from statsmodels.tools.tools import add_constant

HERE = os.path.dirname(os.path.abspath(__file__))
prices = pd.read_csv(os.path.join(HERE, "..", "..", "..", "..", "shared", "data", "stock_prices.csv"), index_col=0, parse_dates=True)

cases = []


def pair(name, y, x):
    y = np.asarray(y, dtype=float)
    x = np.asarray(x, dtype=float)
    stat, p, _crit = coint(y, x, trend="c", autolag="aic")
    fit = OLS(y, add_constant(x)).fit()
    case = {"name": name, "y": y.tolist(), "x": x.tolist(), "coint": {"statistic": stat, "pValue": p},
            "ols": {"intercept": fit.params[0], "beta": fit.params[1]}}
    for label, series in (("adfY", y), ("adfResid", fit.resid)):
        for reg in ("c", "n"):
            s, pv, lag, nobs, _cv, ic = adfuller(series, regression=reg, autolag="AIC")
            case[f"{label}_{reg}"] = {"statistic": s, "pValue": pv, "usedLag": int(lag), "nobs": int(nobs), "icBest": ic}
    cases.append(case)


sl = prices.loc["2014-01-02":"2016-12-30"]
pair("JPM~BAC 2014-2016", sl["JPM"].values, sl["BAC"].values)
sl2 = prices.loc["2012-01-03":"2013-12-31"]
pair("XOM~RRC 2012-2013", sl2["XOM"].values, sl2["RRC"].values)
rng = np.random.RandomState(7)
x = np.cumsum(rng.normal(0, 1, 600)) + 50
y = 1.5 * x + 3 + rng.normal(0, 1.2, 600)
pair("synthetic cointegrated (beta 1.5)", np.round(y, 6), np.round(x, 6))
e = np.zeros(500)
for t in range(1, 500):
    e[t] = 0.96 * e[t - 1] + rng.normal(0, 1)
u = np.cumsum(rng.normal(0, 1, 500)) + 40
pair("synthetic slow mean reversion (AR 0.96 spread)", np.round(0.8 * u + e + 10, 6), np.round(u, 6))
z = np.cumsum(rng.normal(0, 1, 400)) + 20
w = np.cumsum(rng.normal(0, 1, 400)) + 30
pair("synthetic independent random walks", np.round(z, 6), np.round(w, 6))

with open(os.path.join(HERE, "statsmodels_coint.json"), "w") as f:
    json.dump({"source": f"statsmodels {statsmodels.__version__} (adfuller, coint) via statsmodels_coint_reference.py", "cases": cases}, f)
print("ok")
