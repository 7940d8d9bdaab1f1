import streamlit as st
from ucj_oversight import tampilan
k = tampilan.ambil()
st.title("cakupan")
