"""Reference values from scikit-learn for packages/models estimator tests.

Writes sklearn_reference.json next to this file (committed). Run from the repository root:
    python3 packages/models/reference/sklearn_reference.py
Versions used for the committed fixture are recorded in its "versions" field.
Solvers are run to tight tolerances so the comparison measures our optimum, not sklearn's stopping rule.
"""
import json
import os

import numpy as np
import scipy
import sklearn
from sklearn.datasets import load_breast_cancer, load_diabetes
from sklearn.ensemble import HistGradientBoostingClassifier, HistGradientBoostingRegressor, RandomForestClassifier, RandomForestRegressor
from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge
from sklearn.metrics import accuracy_score, r2_score, roc_auc_score
from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor

rng = np.random.RandomState(7)
n, p = 60, 4
X = rng.normal(size=(n, p)) * np.array([1.0, 2.0, 0.5, 3.0]) + np.array([0.5, -1.0, 2.0, 0.0])
beta = np.array([1.5, -0.7, 0.0, 0.25])
y = X @ beta + 0.3 + rng.normal(scale=0.5, size=n)
w = rng.uniform(0.2, 2.0, size=n)
ylogit = (rng.uniform(size=n) < 1 / (1 + np.exp(-(X @ np.array([0.8, -0.4, 0.3, 0.1]) - 0.2)))).astype(float)
Xnew = rng.normal(size=(5, p))


def lin(model):
    return {'coef': model.coef_.ravel().tolist(), 'intercept': float(np.ravel(model.intercept_)[0]), 'predict': model.predict(Xnew).tolist()}


out = {
    'versions': {'sklearn': sklearn.__version__, 'numpy': np.__version__, 'scipy': scipy.__version__},
    'linear': {
        'X': X.ravel().tolist(), 'rows': n, 'cols': p, 'y': y.tolist(), 'w': w.tolist(), 'yClass': ylogit.tolist(),
        'Xnew': Xnew.ravel().tolist(),
        'ols': lin(LinearRegression().fit(X, y)),
        'olsWeighted': lin(LinearRegression().fit(X, y, sample_weight=w)),
        'ridge': lin(Ridge(alpha=1.5).fit(X, y)),
        'ridgeWeighted': lin(Ridge(alpha=1.5).fit(X, y, sample_weight=w)),
        'ridgeNoIntercept': lin(Ridge(alpha=0.8, fit_intercept=False).fit(X, y)),
        'lasso': lin(Lasso(alpha=0.05, tol=1e-14, max_iter=1_000_000).fit(X, y)),
        'lassoSparse': lin(Lasso(alpha=0.4, tol=1e-14, max_iter=1_000_000).fit(X, y)),
        'elasticNet': lin(ElasticNet(alpha=0.1, l1_ratio=0.3, tol=1e-14, max_iter=1_000_000).fit(X, y)),
        'elasticNetWeighted': lin(ElasticNet(alpha=0.1, l1_ratio=0.3, tol=1e-14, max_iter=1_000_000).fit(X, y, sample_weight=w)),
    },
}
logit = LogisticRegression(C=0.7, solver='newton-cholesky', tol=1e-14, max_iter=1000).fit(X, ylogit)
logitW = LogisticRegression(C=2.0, solver='newton-cholesky', tol=1e-14, max_iter=1000).fit(X, ylogit, sample_weight=w)
out['linear']['logistic'] = {**lin(logit), 'proba': logit.predict_proba(Xnew)[:, 1].tolist()}
out['linear']['logisticWeighted'] = {**lin(logitW), 'proba': logitW.predict_proba(Xnew)[:, 1].tolist()}

# Exact trees: integer features with few distinct values, so histogram bins are the exact split candidates.
Xi = rng.randint(0, 12, size=(200, 3)).astype(float)
yi = np.sin(Xi[:, 0]) + 0.3 * Xi[:, 1] - 0.1 * Xi[:, 2] ** 1.5 + rng.normal(scale=0.2, size=200)
ci = (yi + rng.normal(scale=0.3, size=200) > np.median(yi)).astype(float)
Xq = rng.randint(0, 12, size=(30, 3)).astype(float)
dtr = DecisionTreeRegressor(max_depth=3, random_state=0).fit(Xi, yi)
dtc = DecisionTreeClassifier(max_depth=3, random_state=0).fit(Xi, ci)
out['exactTree'] = {
    'X': Xi.ravel().tolist(), 'rows': 200, 'cols': 3, 'y': yi.tolist(), 'yClass': ci.tolist(), 'Xq': Xq.ravel().tolist(),
    'regressorDepth3': dtr.predict(Xq).tolist(),
    'regressorImportances': dtr.feature_importances_.tolist(),
    'classifierDepth3Proba': dtc.predict_proba(Xq)[:, 1].tolist(),
}

# Known datasets: breast cancer (classification) and diabetes (regression), fixed holdout.
bc = load_breast_cancer()
perm = np.random.RandomState(0).permutation(len(bc.target))
Xb, yb = bc.data[perm], bc.target[perm].astype(float)
tr, te = slice(0, 400), slice(400, None)
dt = DecisionTreeClassifier(max_depth=4, random_state=0).fit(Xb[tr], yb[tr])
rf = RandomForestClassifier(n_estimators=100, random_state=0).fit(Xb[tr], yb[tr])
hgb = HistGradientBoostingClassifier(max_iter=100, max_depth=4, learning_rate=0.1, random_state=0, early_stopping=False).fit(Xb[tr], yb[tr])
di = load_diabetes()
permd = np.random.RandomState(0).permutation(len(di.target))
Xd, yd = di.data[permd], di.target[permd]
trd, ted = slice(0, 330), slice(330, None)
rfr = RandomForestRegressor(n_estimators=100, random_state=0).fit(Xd[trd], yd[trd])
hgbr = HistGradientBoostingRegressor(max_iter=100, max_depth=4, random_state=0, early_stopping=False).fit(Xd[trd], yd[trd])
out['breastCancer'] = {
    'X': Xb.ravel().tolist(), 'rows': Xb.shape[0], 'cols': Xb.shape[1], 'y': yb.tolist(), 'train': 400,
    'accuracy': {
        'DecisionTreeClassifier(max_depth=4)': accuracy_score(yb[te], dt.predict(Xb[te])),
        'RandomForestClassifier(n_estimators=100)': accuracy_score(yb[te], rf.predict(Xb[te])),
        'HistGradientBoostingClassifier(max_iter=100,max_depth=4)': accuracy_score(yb[te], hgb.predict(Xb[te])),
    },
    'auc': {
        'RandomForestClassifier(n_estimators=100)': roc_auc_score(yb[te], rf.predict_proba(Xb[te])[:, 1]),
        'HistGradientBoostingClassifier(max_iter=100,max_depth=4)': roc_auc_score(yb[te], hgb.predict_proba(Xb[te])[:, 1]),
    },
}
out['diabetes'] = {
    'X': Xd.ravel().tolist(), 'rows': Xd.shape[0], 'cols': Xd.shape[1], 'y': yd.tolist(), 'train': 330,
    'r2': {
        'RandomForestRegressor(n_estimators=100)': r2_score(yd[ted], rfr.predict(Xd[ted])),
        'HistGradientBoostingRegressor(max_iter=100,max_depth=4)': r2_score(yd[ted], hgbr.predict(Xd[ted])),
    },
}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'sklearn_reference.json')
with open(path, 'w') as f:
    json.dump(out, f, separators=(',', ':'))
print('wrote', path, {k: v for k, v in out['breastCancer'].items() if k in ('accuracy', 'auc')}, out['diabetes']['r2'])
